# Independent numpy implementation of the optimizer steps for LossTrainingTest/OptimizerTest.
import numpy as np, math
X=np.array([[1.0,-0.5,2.0],[0.5,1.5,-1.0]]); W0=np.array([[0.2,-0.3],[0.1,0.4],[-0.5,0.25]]); lab=np.array([0,2,1])
def grad(W):
    Z=W@X; m=Z.max(0); lse=m+np.log(np.exp(Z-m).sum(0)); P=np.exp(Z-lse); Y=np.eye(3)[:,lab]
    return (P-Y)/3@X.T
def sched(k,K,warm,kind):
    if k<warm: return (k+1)/warm
    if kind=='constant': return 1.0
    return 0.5*(1+math.cos(math.pi*(k-warm)/(K-warm)))
def run(opt,lr,K,wd=0.0,warm=0,kind='constant',b1=0.9,b2=0.999,eps=1e-8,beta=0.9):
    W=W0.copy(); m=np.zeros_like(W); v=np.zeros_like(W)
    for k in range(K):
        g=grad(W); a=lr*sched(k,K,warm,kind)
        if opt!='adamw': g=g+wd*W
        if opt=='sgd': W=W-a*g
        elif opt=='momentum': m=beta*m+g; W=W-a*m
        else:
            m=b1*m+(1-b1)*g; v=b2*v+(1-b2)*g*g
            mh=m/(1-b1**(k+1)); vh=v/(1-b2**(k+1))
            W=W-a*(mh/(np.sqrt(vh)+eps) + (wd*W if opt=='adamw' else 0))
    return W.ravel()
np.set_printoptions(precision=17)
print('momentum', repr(run('momentum',0.5,3,wd=0.1,beta=0.9)))
print('adam', repr(run('adam',0.1,4,warm=2,kind='cosine')))
print('adamw', repr(run('adamw',0.1,3,wd=0.5,b2=0.98)))
print('sgd', repr(run('sgd',0.5,4,wd=0.1,warm=1,kind='cosine')))
